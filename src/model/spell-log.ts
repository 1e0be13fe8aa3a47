/**
 * A log of every stay in a bed or place in one replication, for `bedsim run --write-spells`:
 * the simulated equivalent of a spell extract, to check a model against the real one or to
 * feed calibration. The simulation calls it only when one is given, so ordinary runs pay
 * nothing; it draws no random numbers and changes nothing the simulation does.
 */
export interface Spell {
  /** The person: their census id, or `sim-<n>` for someone who arrived during the run. */
  person: string;
  cohort: number;
  service: number;
  /** Day the stay began (days since the start; negative before it). */
  start: number;
  /** Day the stay ended, or undefined when still in at the end of the run. */
  end?: number;
  /** The discharge route taken, `TRANSFER` for a move to another service, or "". */
  route: string;
  /** Day a delayed discharge began (ready to leave but held), if there was one. */
  delayedFrom?: number;
  /** Whether the stay is one of the starting census's (placed on the first day). */
  fromCensus: boolean;
}

export class SpellLog {
  readonly spells: Spell[] = [];
  /** The open stay of each person (index into `spells`), by person id. */
  private readonly open: number[] = [];
  private readonly keys: string[] = [];

  /** A person takes a bed or place. */
  enter(person: number, cohort: number, service: number, start: number): void {
    this.open[person] = this.spells.length;
    this.spells.push({
      person: this.keys[person] ?? `sim-${person + 1}`,
      cohort,
      service,
      start,
      route: "",
      fromCensus: false,
    });
  }

  /** The stay just entered is a census person's, begun `start` (before the run) and named `key`. */
  fromCensus(person: number, start: number, key: string): void {
    this.keys[person] = key;
    const spell = this.spells[this.open[person]];
    spell.person = key;
    spell.start = start;
    spell.fromCensus = true;
  }

  /** The person is ready to leave but held: the delay runs until they leave the bed. */
  delayed(person: number, since: number): void {
    const spell = this.spells[this.open[person]];
    if (spell && spell.delayedFrom === undefined) spell.delayedFrom = since;
  }

  /** The route the person leaves by (set just before they leave). */
  route(person: number, route: string): void {
    const spell = this.spells[this.open[person]];
    if (spell) spell.route = route;
  }

  leave(person: number, t: number): void {
    const spell = this.spells[this.open[person]];
    if (spell) spell.end = t;
    this.open[person] = -1;
  }
}
