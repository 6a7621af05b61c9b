// The committed sample registries loaded into a fresh in-memory store.
import {readdirSync, readFileSync} from "node:fs";
import {join} from "node:path";
import {ingestBytes} from "../../loaders/ingest.ts";
import {Store} from "../../store/database.ts";

export const SAMPLE_DIR = "data/sample/registries";

export async function sampleRegistryStore(): Promise<Store> {
  const store = await Store.open(":memory:");
  for (const f of readdirSync(SAMPLE_DIR).filter((f) => f.endsWith(".xlsx")).sort()) {
    const o = await ingestBytes(store, f, readFileSync(join(SAMPLE_DIR, f)));
    if (o.status === "rejected") throw new Error(`${f} rejected`);
  }
  return store;
}
