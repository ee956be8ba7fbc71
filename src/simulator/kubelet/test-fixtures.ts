/**
 * Shared test data: the node of the kubelet reference example (worker-1 with coredns and a
 * two-container web pod), as usage samples.
 */
import type { CgroupSample, NodeUsage } from './usage-model.ts';

function sample(timeMs: number, cpuCoreNanoSeconds: number, workingSetBytes: number): CgroupSample {
  return {
    timeMs,
    cpuCoreNanoSeconds,
    usageNanoCores: 1_203_411,
    workingSetBytes,
    usageBytes: workingSetBytes + 5_439_488,
    rssBytes: 12_800_000,
    pageFaults: 11_286,
    majorPageFaults: 0,
  };
}

export function exampleNodeUsage(): NodeUsage {
  return {
    nodeName: 'worker-1',
    startTimeMs: Date.parse('2024-12-23T10:01:40Z'),
    memoryCapacityBytes: 8_228_102_144,
    sample: sample(1735032838055.4, 48_213_552_012_000, 1_450_782_720),
    system: [],
    pods: [
      {
        namespace: 'default',
        name: 'web-5d78c9869d-9dklc',
        uid: '8597bc3b-7219-47dc-9d9d-a4a6bfeb8d94',
        startTimeMs: Date.parse('2024-12-24T09:20:55Z'),
        sample: sample(1735032836611, 8_529_501_000, 88_203_264),
        containers: [
          {
            name: 'log-shipper',
            startTimeSec: 1735032457.1906428,
            restarts: 0,
            sample: sample(1735032838936, 1_100_665_000, 40_628_224),
          },
          {
            name: 'nginx',
            startTimeSec: 1735032456.8302116,
            restarts: 0,
            memoryLimitBytes: 134_217_728,
            sample: sample(1735032837430.9, 7_333_964_000, 47_026_176),
          },
        ],
      },
      {
        namespace: 'kube-system',
        name: 'coredns-668d6bf9bc-4xk2p',
        uid: '43bbf834-faf8-4f46-b016-b468c283382a',
        startTimeMs: Date.parse('2024-12-23T12:18:20Z'),
        sample: sample(1735032839702, 42_198_714_000, 16_650_240),
        memoryLimitBytes: 178_257_920,
        containers: [
          {
            name: 'coredns',
            startTimeSec: 1734957109.3457494,
            restarts: 0,
            memoryLimitBytes: 178_257_920,
            sample: sample(1735032835127, 42_118_532_000, 16_371_712),
          },
        ],
      },
    ],
  };
}
