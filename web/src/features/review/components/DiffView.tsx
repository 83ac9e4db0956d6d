import type { DiffPart } from '@feedbench/shared';

/** A word diff as text: removals struck through, additions underlined, each also named for screen readers. */
export function DiffView({ parts }: { parts: DiffPart[] }) {
  return (
    <p style={{ whiteSpace: 'pre-wrap' }}>
      {parts.map((part, index) =>
        part.op === 'same' ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: parts have no identity beyond their position
          <span key={index}>{part.text}</span>
        ) : part.op === 'removed' ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: as above
          <del key={index}>
            <span className="visually-hidden">[removed: </span>
            {part.text}
            <span className="visually-hidden">]</span>
          </del>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: as above
          <ins key={index}>
            <span className="visually-hidden">[added: </span>
            {part.text}
            <span className="visually-hidden">]</span>
          </ins>
        ),
      )}
    </p>
  );
}
