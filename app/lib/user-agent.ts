import type { TFunction } from "i18next";

/** What a person recognises of a user-agent string: "Chrome" and "Windows", or nulls. */
export interface DeviceSummary {
  browser: string | null;
  os: string | null;
}

/** "Chrome on Windows", "Chrome", "Windows" or "Unknown device", in the reader's language. */
export function deviceLabel(t: TFunction, device: DeviceSummary): string {
  if (device.browser && device.os) {
    return t("device.browserOnOs", { browser: device.browser, os: device.os });
  }
  return device.browser ?? device.os ?? t("device.unknown");
}
