import { AppError } from '../../lib/app-error.ts';

export const itemBrowserErrors = {
  notFound: () => new AppError('items.not_found', 404, 'No such item in this project'),
};
