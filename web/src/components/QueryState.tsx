import { errorMessage } from '../lib/api-client.ts';

/** What a screen shows while its data loads or after it failed to. */
export function Loading({ what }: { what: string }) {
  return (
    <p className="muted" role="status" aria-live="polite">
      Loading {what}…
    </p>
  );
}

export function ErrorNotice({ error, title = 'Something went wrong' }: { error: unknown; title?: string }) {
  return (
    <div className="notice error" role="alert">
      <strong>{title}.</strong> {errorMessage(error)}
    </div>
  );
}
