import type {Io} from "../../io.ts";

export interface ReportCommand {
  name: string;
  /** Options, as shown in help: "[--db ФАЙЛ] [--json]". */
  usage: string;
  /** One Russian line. */
  summary: string;
  run(argv: string[], io: Io): Promise<number>;
}
