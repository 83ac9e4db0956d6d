/** What a keyset-paged list (TanStack useInfiniteQuery) offers the button. */
interface PagedQuery {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => Promise<unknown>;
}

/**
 * Loads the next keyset page of a list, shown only while the server says more follow. The labels come from the
 * feature's message catalog.
 */
export function MorePagesButton({
  query,
  label,
  loadingLabel,
}: {
  query: PagedQuery;
  label: string;
  loadingLabel: string;
}) {
  if (!query.hasNextPage) return null;
  return (
    <div>
      <button type="button" onClick={() => void query.fetchNextPage()} disabled={query.isFetchingNextPage}>
        {query.isFetchingNextPage ? loadingLabel : label}
      </button>
    </div>
  );
}
