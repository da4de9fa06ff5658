/**
 * `/proc/<pid>/stat` (proc(5)): the fields after the command name, which is in parentheses and
 * may itself hold spaces or parentheses, so it is cut at the last `)`. Index 0 is field 3 (the
 * state), so field N of proc(5) is index N - 3: utime (14) is 11, stime (15) is 12.
 */
export function statFields(stat: string): string[] {
  return stat.slice(stat.lastIndexOf(")") + 2).split(" ");
}
