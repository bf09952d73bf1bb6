// The screen picture's decoder and encoder: an XWD image as Xvfb writes it (big-endian header,
// 256-entry colormap, 32-bit little-endian BGRX pixels) comes out as a PNG of the right pixels.
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readXwd, xwdToPng } from '../../../tools/browser/xwd-png';

function xwd(width: number, height: number, pixel: (x: number, y: number) => number[]) {
  const headerSize = 100 + 4; // the header and a short window name
  const colors = 256;
  const bytesPerLine = width * 4;
  const file = Buffer.alloc(headerSize + colors * 12 + height * bytesPerLine);
  const fields = [headerSize, 7, 2, 24, width, height, 0, 0, 32, 0, 32, 32, bytesPerLine, 4];
  fields.push(0xff0000, 0x00ff00, 0x0000ff, 8, colors, colors, width, height, 0, 0, 0);
  for (const [i, v] of fields.entries()) file.writeUInt32BE(v, i * 4);
  const start = headerSize + colors * 12;
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const [r, g, b] = pixel(x, y);
      file.set([b ?? 0, g ?? 0, r ?? 0, 0], start + y * bytesPerLine + x * 4);
    }
  return file;
}

const colour = (x: number, y: number) => [10 * x, 20 * y, 200];

describe('xwd → png', () => {
  it('reads the pixels of a TrueColor XWD', () => {
    const image = readXwd(xwd(3, 2, colour));
    expect([image.width, image.height]).toEqual([3, 2]);
    expect(image.rgb(2, 1)).toEqual([20, 20, 200]);
  });

  it('encodes a region as an RGB PNG', () => {
    const png = xwdToPng(xwd(4, 3, colour), { x: 1, y: 1, width: 2, height: 2 });
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 13, 10, 26, 10]));
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([2, 2]);
    const idatLength = png.readUInt32BE(33);
    expect(png.subarray(37, 41).toString('latin1')).toBe('IDAT');
    const rows = inflateSync(png.subarray(41, 41 + idatLength));
    // Row 0 of the region is the image's row 1: filter 0, then (1,1) and (2,1).
    expect([...rows.subarray(0, 7)]).toEqual([0, 10, 20, 200, 20, 20, 200]);
  });

  it('refuses what it cannot read', () => {
    const file = xwd(1, 1, colour);
    file.writeUInt32BE(6, 4);
    expect(() => readXwd(file)).toThrow(/XWD v7/);
    expect(() => readXwd(xwd(2, 2, colour).subarray(0, 120))).toThrow(/truncated/);
  });
});
