/**
 * The built-in simulator as the app runs it: started lazily on 127.0.0.1 in demo mode, with
 * its control interface kept in-process (httpControl: false). Over HTTP `/__control` does not
 * exist, so no other program or web page on the machine can add fault rules, move the clock or
 * forge tokens (security issue 11, point 1); the simulator's pages also refuse any Host but
 * their own (DNS rebinding).
 */
import type { SimulatorEndpoints, SimulatorLauncher } from '../core/ports.js';
import type { Simulator, SimulatorOptions } from '../simulator/types.js';

export const APP_SIMULATOR_OPTIONS: SimulatorOptions = { mode: 'demo', quiet: true, httpControl: false };

export function createSimulatorLauncher(
  startSimulator: (options: SimulatorOptions) => Promise<Simulator> = async (options) =>
    (await import('../simulator/index.js')).startSimulator(options),
): SimulatorLauncher & { running(): Promise<Simulator> | undefined } {
  let running: Promise<Simulator> | undefined;
  return {
    async start(): Promise<SimulatorEndpoints> {
      running ??= startSimulator(APP_SIMULATOR_OPTIONS);
      try {
        return (await running).info;
      } catch (error) {
        running = undefined;
        throw error;
      }
    },
    async stop() {
      const current = running;
      running = undefined;
      if (current) await (await current).close();
    },
    /** "Queue an export as the customer would" (issue 14): in-process only, like the faults. */
    async queueExport(request) {
      if (!running) throw new Error('The simulator is not running.');
      return (await running).queueExport(request);
    },
    /** The running simulator, for in-process demo faults (never exposed over HTTP). */
    running: () => running,
  };
}
