/** (internal) The person picked or pasted files in the composer; the chat window sends them. */
export class FilesPickEvent extends Event {
  readonly files: readonly File[];
  constructor(files: readonly File[]) {
    super('files-pick');
    this.files = files;
  }
}
