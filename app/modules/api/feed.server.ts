// BI feeds (Power BI, Tableau): a whole table streamed batch by batch, as CSV (the default,
// formula-safe) or as a JSON array with ?format=json. Only one batch is in memory at a time.
import { csvStream, type CsvValue } from "~/lib/csv.server";

export type FeedRow = Record<string, CsvValue>;
export type FeedBatches = AsyncIterable<FeedRow[]>;

/** What a feed endpoint's handler answers. */
export interface Feed {
  name: string;
  columns: readonly string[];
  batches: FeedBatches;
}

export const isFeed = (value: unknown): value is Feed =>
  typeof value === "object" && value !== null && "batches" in value && "columns" in value;

async function* rowsOf(feed: Feed) {
  for await (const batch of feed.batches) yield batch.map((row) => feed.columns.map((c) => row[c]));
}

function jsonStream(feed: Feed): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator = feed.batches[Symbol.asyncIterator]();
  let first = true;
  let opened = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!opened) {
        opened = true;
        controller.enqueue(encoder.encode("["));
        return;
      }
      const next = await iterator.next();
      if (next.done) {
        controller.enqueue(encoder.encode("]"));
        controller.close();
        return;
      }
      const text = next.value.map((row) => JSON.stringify(row)).join(",");
      if (text) controller.enqueue(encoder.encode((first ? "" : ",") + text));
      if (text) first = false;
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}

export function feedResponse(feed: Feed, format: "csv" | "json"): Response {
  if (format === "json") {
    return new Response(jsonStream(feed), {
      headers: { "Content-Type": "application/json", "Cache-Control": "no-store" },
    });
  }
  return new Response(csvStream(feed.columns, rowsOf(feed)), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `inline; filename="${feed.name}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
