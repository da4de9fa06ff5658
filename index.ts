/**
 * eventstack: reads the stack config once, builds one platform component for the chosen cloud
 * and exports its outputs. Only the chosen cloud's provider SDK is loaded.
 */
import { loadConfig } from "./components/load-config";
import type { Platform } from "./components/platform";

export = async (): Promise<Platform["stackOutputs"]> => {
  const config = loadConfig();
  const platform: Platform =
    config.cloud === "gcp"
      ? new (await import("./components/gcp/platform")).GcpPlatform("eventstack", { config })
      : new (await import("./components/aws/platform")).AwsPlatform("eventstack", { config });
  return platform.stackOutputs;
};
