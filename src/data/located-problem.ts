/**
 * A mistake found in an extract or its mapping, located as precisely as we can. The same shape
 * as the scenario layer's `Problem`, so the CLI prints both alike; defined here because the
 * data layer sits below the scenario layer and must not import it.
 */
export interface LocatedProblem {
  file?: string;
  line?: number;
  column?: number;
  message: string;
}
