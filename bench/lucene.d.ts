// lucene (a devDependency used only by the benchmarks) ships no types; this is the part used.
declare module "lucene" {
  const lucene: { parse(query: string): unknown };
  export default lucene;
}
