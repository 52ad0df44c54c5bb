declare module 'fontkit' {
  export function openSync(path: string): unknown;
  export function create(buffer: Buffer): unknown;
}
