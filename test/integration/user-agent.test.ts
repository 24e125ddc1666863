import { describe, expect, it } from "vitest";
import { getFixedT } from "~/lib/i18n.server";
import { deviceLabel } from "~/lib/user-agent";
import { describeUserAgent } from "~/lib/user-agent.server";
import { listOwnSessions } from "~/modules/account/index.server";
import { getLucia } from "~/lib/auth.server";
import { makeUser } from "../support/factories";

const CHROME_WINDOWS =
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36";
const SAFARI_IPHONE =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1";
const FIREFOX_LINUX = "Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0";
const EDGE_WINDOWS = `${CHROME_WINDOWS} Edg/120.0.0.0`;

describe("session device labels", () => {
  it.each([
    [CHROME_WINDOWS, "Chrome on Windows", "Windows 上的 Chrome"],
    [SAFARI_IPHONE, "Safari on iOS", "iOS 上的 Safari"],
    [FIREFOX_LINUX, "Firefox on Linux", "Linux 上的 Firefox"],
    [EDGE_WINDOWS, "Microsoft Edge on Windows", "Windows 上的 Microsoft Edge"],
    ["curl/8.4.0", "Unknown device", "未知设备"],
    ["", "Unknown device", "未知设备"],
  ])("%j reads as %j", async (userAgent, english, chinese) => {
    const device = describeUserAgent(userAgent);
    expect(deviceLabel(await getFixedT("en"), device)).toBe(english);
    expect(deviceLabel(await getFixedT("zh"), device)).toBe(chinese);
  });

  it("the sessions list carries the device, not the raw string", async () => {
    const user = await makeUser();
    const session = await getLucia().createSession(user.id, {
      userAgent: CHROME_WINDOWS,
      ipAddress: "10.0.0.5",
    });
    const [row] = await listOwnSessions(user.id, session.id);
    expect(row).toMatchObject({
      device: { browser: "Chrome", os: "Windows" },
      ipAddress: "10.0.0.5",
      current: true,
    });
    expect(JSON.stringify(row)).not.toContain("Mozilla");
  });
});
