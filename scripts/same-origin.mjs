// Express middleware shared by the production server and its tests.

/**
 * Refuses cross-site writes: a non-GET request must carry an Origin (or, failing that, a
 * Referer) whose host is this server's. Requests with neither come from non-browser clients,
 * which cannot ride on a visitor's cookie, and are let through.
 */
export function sameOriginOnly(req, res, next) {
  if (["GET", "HEAD", "OPTIONS"].includes(req.method)) return next();
  const source = req.get("origin") ?? req.get("referer");
  const expected = process.env.APP_ORIGIN ? new URL(process.env.APP_ORIGIN).host : req.get("host");
  if (!source) {
    if (req.get("sec-fetch-site") === "cross-site") return refuse(res);
    return next();
  }
  let sourceHost;
  try {
    sourceHost = new URL(source).host;
  } catch {
    return refuse(res);
  }
  return sourceHost === expected ? next() : refuse(res);
}

function refuse(res) {
  res
    .status(403)
    .type("application/json")
    .send(JSON.stringify({ error: "cross-origin request refused" }));
}
