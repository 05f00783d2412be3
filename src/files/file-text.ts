/**
 * A file sent as a JSON string without ever being held in memory whole: the
 * integration's code bundle, which can be tens of megabytes. The API client
 * streams it from disk (see api/body.ts).
 */
export class FileText {
  constructor(
    /** Where it really is: inside the workspace, symbolic links resolved. */
    readonly path: string,
    readonly bytes: number,
    /** As people see it, for errors (it must be UTF-8, which is checked as it is streamed). */
    readonly shown: string,
  ) {}
}
