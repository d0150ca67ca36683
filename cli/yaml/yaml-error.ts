// A problem in one document's YAML. `line` is 1-based within the document's text when known; the reader turns it
// into a line of the file.

export class YamlError extends Error {
  constructor(
    message: string,
    readonly line?: number,
  ) {
    super(message);
    this.name = 'YamlError';
  }
}
