/** What planning and checking the AWS platform cost as consumers grow (see check-scaling.ts). */
import type { BenchRow } from "./harness";
import { checkScalingRows } from "./check-scaling";

export const run = (): Promise<BenchRow[]> => checkScalingRows("aws");
