import { withCosts } from "../finance/costs.js";
import { type ReplicationOutcome, summariseReplication } from "../model/outcomes.js";
import type { Pathway } from "../model/pathway.js";
import { simulate } from "../model/simulation.js";

/**
 * One replication as a pure function of (pathway, seed, index): the unit that workers run.
 * Every random stream inside is derived from the seed and the index, so the result does not
 * depend on which thread runs it or in what order.
 */
export function runReplication(pathway: Pathway, seed: number, index: number): ReplicationOutcome {
  const outcome = summariseReplication(pathway, simulate(pathway, seed, index));
  return withCosts(pathway, outcome);
}
