/** One measured figure: what, how much, in which unit, and the target it is held to (if any). */
export interface BenchResult {
  name: string
  value: number
  unit: string
  target?: string
  pass?: boolean
}

/** A benchmark module under bench/: `run()` measures and returns its figures. */
export interface BenchModule {
  run(): Promise<BenchResult[]>
}
