// A picture of the whole X screen, for what no page screenshot shows (Chromium's own notification
// toast is a window of its own). `Xvfb -fbdir DIR` keeps its framebuffer in DIR/Xvfb_screen0 as
// an XWD image (X11's xwd format: a big-endian XWDFileHeader, the colormap, then the pixels);
// this reads a region of it and encodes a PNG with node:zlib, so no image tool is needed.
import { crc32, deflateSync } from 'node:zlib';

export interface Region {
  x: number;
  y: number;
  width: number;
  height: number;
}

interface XwdImage {
  width: number;
  height: number;
  /** RGB of the pixel at (x, y) */
  rgb(x: number, y: number): [number, number, number];
}

/** Reads a 24- or 32-bit TrueColor ZPixmap XWD image, as Xvfb writes it. */
export function readXwd(file: Uint8Array): XwdImage {
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const field = (i: number) => view.getUint32(i * 4, false);
  const [headerSize, version, format] = [field(0), field(1), field(2)];
  if (version !== 7 || format !== 2)
    throw new Error(`not a ZPixmap XWD v7 (${version}, ${format})`);
  const width = field(4);
  const height = field(5);
  const lsbFirst = field(7) === 0;
  const bitsPerPixel = field(11);
  const bytesPerLine = field(12);
  const masks = [field(14), field(15), field(16)];
  const colors = field(19);
  if (bitsPerPixel !== 32 && bitsPerPixel !== 24) throw new Error(`${bitsPerPixel} bits per pixel`);
  const start = headerSize + colors * 12;
  if (start + height * bytesPerLine > file.byteLength) throw new Error('XWD image is truncated');
  const shifts = masks.map((m) => Math.log2(m & -m));
  const step = bitsPerPixel / 8;
  return {
    width,
    height,
    rgb(x, y) {
      const at = start + y * bytesPerLine + x * step;
      let pixel = 0;
      for (let i = 0; i < step; i++) {
        const byte = file[lsbFirst ? at + i : at + step - 1 - i] ?? 0;
        pixel += byte * 2 ** (8 * i);
      }
      return masks.map((m, i) => ((pixel & m) >>> (shifts[i] ?? 0)) & 0xff) as [
        number,
        number,
        number,
      ];
    },
  };
}

function chunk(type: string, data: Uint8Array): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const out = Buffer.alloc(body.length + 8);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), body.length + 4);
  return out;
}

/** A PNG (8-bit RGB) of `region` of an XWD image, clipped to the image. */
export function xwdToPng(file: Uint8Array, region?: Region): Buffer {
  const image = readXwd(file);
  const x0 = Math.max(0, Math.floor(region?.x ?? 0));
  const y0 = Math.max(0, Math.floor(region?.y ?? 0));
  const width = Math.min(image.width - x0, Math.ceil(region?.width ?? image.width));
  const height = Math.min(image.height - y0, Math.ceil(region?.height ?? image.height));
  if (width <= 0 || height <= 0) throw new Error('the region is outside the screen');
  // Each row: filter byte 0 (none), then RGB triples.
  const raw = Buffer.alloc(height * (1 + width * 3));
  for (let y = 0; y < height; y++) {
    const row = y * (1 + width * 3);
    for (let x = 0; x < width; x++) raw.set(image.rgb(x0 + x, y0 + y), row + 1 + x * 3);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit, RGB, deflate, no filter choice, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', new Uint8Array()),
  ]);
}
