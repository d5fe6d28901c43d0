// express 5 ships no types and @types/express is not installed: the little the SCIMMY test target uses.
declare module 'express' {
  import type { IncomingMessage, Server, ServerResponse } from 'node:http'

  interface Request extends IncomingMessage {
    body: unknown
    originalUrl: string
    method: string
    header(name: string): string | undefined
  }
  type Handler = (req: Request, res: ServerResponse, next: () => void) => void
  interface Application {
    use(handler: Handler | object): void
    use(path: string, handler: Handler | object): void
    listen(port: number, host: string): Server
  }
  interface Express {
    (): Application
    json(options: { type: string[]; limit: string }): Handler
  }
  const express: Express
  namespace express {
    export type { Request }
  }
  export default express
}
