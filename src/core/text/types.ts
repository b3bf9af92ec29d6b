/** A zero-based position, as in LSP and VS Code: `character` counts UTF-16 code units. */
export interface Position {
  readonly line: number;
  readonly character: number;
}

/** A half-open range of positions. */
export interface Range {
  readonly start: Position;
  readonly end: Position;
}

/** A replacement of the text between two offsets. Edits of one change never overlap. */
export interface OffsetEdit {
  readonly start: number;
  readonly end: number;
  readonly newText: string;
}

/** The narrow view of a document that the core works on (the editor's and the CLI's files both fit). */
export interface TextSource {
  readonly uri: string;
  readonly text: string;
  readonly version?: number;
}
