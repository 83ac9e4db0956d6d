/** A line a format has already serialized (assembled from JSON pieces it reuses); written as is. */
export class SerializedLine {
  constructor(readonly json: string) {}
}
