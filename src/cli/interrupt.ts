/** Exit code for a run stopped by Ctrl-C (128 + SIGINT), as shells report it. */
const EXIT_INTERRUPTED = 130;

const SIGNALS = ["SIGINT", "SIGTERM"] as const;

/** The handler left in place after `interruptible` returns, until the next one starts. */
let lingering: (() => void) | undefined;
/** Ctrl-C was pressed after the work finished, while its results were being saved. */
let pressedWhileSaving = false;

/**
 * An AbortSignal raised by Ctrl-C (SIGINT) or SIGTERM while `work` runs.
 *
 * - The first signal asks the work to stop cleanly; the caller reports it and exits with 130.
 *   A second one means the person wants out now, not after the clean-up: bedsim exits at once
 *   with 130 (rather than dying of the signal, half-way through removing temporary files).
 * - After the work, the command saves its results (synchronously, into a temporary folder
 *   renamed into place at the end). Without a handler a Ctrl-C then would kill the process
 *   mid-write and leave a `.partial-*` folder behind; with one, the signal waits until the
 *   save is complete. bedsim then says so and finishes; a further Ctrl-C exits at once.
 */
export async function interruptible<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  listen(undefined);
  const controller = new AbortController();
  const stop = () => {
    if (controller.signal.aborted) exitNow();
    else controller.abort();
  };
  for (const s of SIGNALS) process.on(s, stop);
  // A Ctrl-C while an earlier step's results were saved stops this step before it starts.
  if (pressedWhileSaving) controller.abort();
  let finished = false;
  try {
    const result = await work(controller.signal);
    finished = true;
    return result;
  } finally {
    for (const s of SIGNALS) process.off(s, stop);
    // Listening for a signal does not keep the process alive, so leaving one costs nothing.
    listen(controller.signal.aborted && !finished ? exitNow : whileSaving);
    // Pressed as the work was finishing (too late to stop it): treat it as pressed while saving.
    if (controller.signal.aborted && finished && !pressedWhileSaving) whileSaving();
  }
}

function listen(handler: (() => void) | undefined): void {
  if (lingering) for (const s of SIGNALS) process.off(s, lingering);
  lingering = handler;
  if (handler) for (const s of SIGNALS) process.on(s, handler);
}

function whileSaving(): void {
  if (pressedWhileSaving) exitNow();
  pressedWhileSaving = true;
  process.stderr.write(
    "bedsim: interrupted while saving the results; they are saved in full before bedsim stops (press Ctrl-C again to stop at once).\n",
  );
}

/** process.exit still runs "exit" listeners: ResultsFolder's removes its temporary folder. */
function exitNow(): never {
  process.stderr.write("bedsim: interrupted again; stopping now.\n");
  process.exit(EXIT_INTERRUPTED);
}
