/**
 * Checks that need every cohort at once: ids unique across files, and the AWS names each cohort derives within
 * the service limits and distinct from every other name of the same kind and scope.
 */
import { collisionKey, type DerivedName, nameProblem } from './names.ts';
import { type Position, type Problem, problemAt } from './problem.ts';

/** A problem and the cohort file it belongs to (it may sit in that cohort's roster). */
export interface OwnedProblem {
  readonly owner: string;
  readonly problem: Problem;
}

/** Where a derived name comes from: the cohort file, and the file and position of the value it is built from. */
export interface NameSite {
  readonly owner: string;
  readonly cohortId: string;
  readonly derived: DerivedName;
  readonly file: string;
  readonly at: Position;
}

export interface CohortIdSite {
  readonly owner: string;
  readonly id: string;
  readonly at: Position;
}

const where = (site: { file: string; at: Position }) => `${site.file}:${site.at.line}:${site.at.column}`;

export function duplicateIdProblems(sites: readonly CohortIdSite[]): OwnedProblem[] {
  const byId = new Map<string, CohortIdSite[]>();
  for (const site of sites) byId.set(site.id, [...(byId.get(site.id) ?? []), site]);
  const out: OwnedProblem[] = [];
  for (const group of byId.values()) {
    if (group.length < 2) continue;
    for (const site of group) {
      const others = group.filter((o) => o !== site).map((o) => o.owner);
      const message = `id "${site.id}" is also used by ${others.join(', ')}; ids must be unique across cohorts`;
      out.push({ owner: site.owner, problem: problemAt(site.owner, site.at, message) });
    }
  }
  return out;
}

export function nameLimitProblems(sites: readonly NameSite[]): OwnedProblem[] {
  const out: OwnedProblem[] = [];
  for (const site of sites) {
    const message = nameProblem(site.derived);
    if (message) out.push({ owner: site.owner, problem: problemAt(site.file, site.at, message) });
  }
  return out;
}

function collisionMessage(site: NameSite, other: NameSite): string {
  const name = `derived ${site.derived.kind} name "${site.derived.name}"`;
  if (other.owner === site.owner) {
    return `${name} collides with the same name derived from ${where(other)} in this cohort; rename one of them`;
  }
  return `${name} collides with cohort "${other.cohortId}" (${other.owner}, from ${where(other)}); change one of the ids`;
}

/** Every site whose name another site also derives, reported at each site, naming the other one. */
export function collisionProblems(sites: readonly NameSite[]): OwnedProblem[] {
  const groups = new Map<string, NameSite[]>();
  for (const site of sites) {
    const key = collisionKey(site.derived);
    const group = groups.get(key);
    if (group) group.push(site);
    else groups.set(key, [site]);
  }
  const out: OwnedProblem[] = [];
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    for (const site of group) {
      const distinct = group.filter((o) => o.owner !== site.owner || where(o) !== where(site));
      // Another cohort is the more useful pointer; a clash inside one cohort is reported only if there is none.
      const other = distinct.find((o) => o.owner !== site.owner) ?? distinct[0];
      if (other) out.push({ owner: site.owner, problem: problemAt(site.file, site.at, collisionMessage(site, other)) });
    }
  }
  return out;
}
