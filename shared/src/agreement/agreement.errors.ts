/**
 * Input the metrics cannot use. Codes are stable (`agreement.<reason>`) so the CLI and the API can map them to an
 * exit code or a 422 without parsing messages.
 */
export class AgreementInputError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'AgreementInputError';
  }
}

export const agreementErrors = {
  duplicateRecord: (unit: string, annotator: string) =>
    new AgreementInputError(
      'agreement.duplicate_record',
      `annotator "${annotator}" has two values for unit "${unit}"; keep one record per unit and annotator`,
    ),
  twoAnnotatorsRequired: (metric: string, found: number) =>
    new AgreementInputError(
      'agreement.two_annotators_required',
      `${metric} compares exactly two annotators, but the records have ${found}`,
    ),
  wrongValueType: (what: string, expected: string, unit: string, annotator: string) =>
    new AgreementInputError(
      'agreement.wrong_value_type',
      `${what} needs ${expected} values; unit "${unit}", annotator "${annotator}" has another kind`,
    ),
  invalidRanking: (unit: string, annotator: string, reason: string) =>
    new AgreementInputError('agreement.invalid_ranking', `unit "${unit}", annotator "${annotator}": ${reason}`),
  invalidOption: (message: string) => new AgreementInputError('agreement.invalid_option', message),
};
