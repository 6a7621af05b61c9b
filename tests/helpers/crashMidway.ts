// Child process for the atomicity test: loads one file fully, then dies by SIGKILL in the middle
// of the second file's transaction (after its rows went in, before COMMIT).
import {Store, one} from "../../store/database.ts";
import {ingestBytes} from "../../loaders/ingest.ts";
import {quarterFile, TARSKY_Q1, OMSKY_Q1} from "./region.ts";

const store = await Store.open(process.argv[2]!);
const first = await ingestBytes(store, "tarsky.xlsx", await quarterFile("за I квартал 2024 г.", TARSKY_Q1));
process.stdout.write(JSON.stringify({first: first.uploadId}) + "\n");
await store.write(async (conn) => {
  await conn.run("INSERT INTO uploads (file_name, sha256, size_bytes, kind, period, status) VALUES ('omsky.xlsx', 'x', 1, 'forms', '2024-Q1', 'accepted')");
  const id = (await one<{id: number}>(conn, "SELECT max(upload_id) AS id FROM uploads"))!.id;
  await conn.run(`INSERT INTO engagement (upload_id, school_id, period, form, mentors, mentees) SELECT ${id}, 1, '2024-Q1', 2, i, i FROM range(1000) t(i)`);
  process.kill(process.pid, "SIGKILL");
});
void OMSKY_Q1;
