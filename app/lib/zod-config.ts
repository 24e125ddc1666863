import { z } from "zod";

// The Content-Security-Policy forbids eval. Zod 4 probes for it (`new Function("")`) to compile
// fast parsers, and the browser reports every probe as a policy violation: parse without it.
if (typeof document !== "undefined") z.config({ jitless: true });
