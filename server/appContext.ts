// What every route handler can reach: the database, the parse children, admission control, the
// write queue and the server's settings. Built once by startServer (server/app.ts).
import type {Store} from "../store/database.ts";
import type {IngestLimits} from "../loaders/ingest.ts";
import type {ParseSupervisor} from "./parseSupervisor.ts";
import type {Admission} from "./admission.ts";
import type {StoreQueue} from "./storeQueue.ts";
import type {KnownBytes} from "./knownBytes.ts";
import type {OriginalsPolicy} from "./originals.ts";
import type {PdfQueue} from "./pdfQueue.ts";
import type {DashboardStatus, LiveShells} from "./rebuild.ts";
import type {AccessControl} from "./routes.ts";
import type {UploadLimits} from "./uploads.ts";
import type {Settings} from "../settings/index.ts";
import type {Auth} from "./auth/service.ts";

export interface App {
  /** The address the server listens on (the Host check depends on it). */
  host: string;
  /** The CSRF token of this request's session (local mode: the server's own). */
  readonly csrf: string;
  store: Store;
  access: AccessControl;
  /** Accounts, sessions and the audit log (server/auth/). */
  auth: Auth;
  uploadLimits: UploadLimits;
  ingestLimits: IngestLimits;
  parsers: ParseSupervisor;
  admission: Admission;
  storeQueue: StoreQueue;
  known: KnownBytes;
  /** Kept originals: where, and the quota and retention period. */
  originals: {dir: string; policy: OriginalsPolicy};
  /** The annual report's PDF, one render at a time, cached by data version. */
  pdf: PdfQueue<{bytes: Buffer; name: string}>;
  /** The dashboards' live shells (server/rebuild.ts). */
  rebuild: LiveShells | null;
  /** Built dashboards served at / (dist/). */
  distDir: string;
  /** Changes on every committed upload or undo: caches of derived documents are keyed by it. */
  dataVersion(): number;
  /** Called with the new version right after every bump (the live pages' cache starts recomputing). */
  onDataChanged(listener: (version: number) => void): void;
  /** Data changed (a commit, an undo): bumps the version (the live pages fetch their data again). */
  changed(): void;
  dashboards(): DashboardStatus;
  /** The effective settings (settings/load.ts) as of the current data version. */
  settings(): Promise<Settings>;
  log(line: string): void;
}
