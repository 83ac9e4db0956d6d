import type { Account } from '@feedbench/shared';
import { useOutletContext } from 'react-router';

/** The signed-in user, provided by AppLayout to every route below it. */
export const useCurrentUser = () => useOutletContext<Account>();
