/**
 * `npm run icons`: renders assets/icon.svg, the one source of the app's icon, into every file
 * the installers and the window need, and writes them into assets/ (committed, so `npm run
 * dist` needs no renderer). Run it again after editing the SVG.
 *
 *   assets/icons/NxN.png  Linux (AppImage, .deb): electron-builder reads the folder by size
 *   assets/icon.png       1024 px master: window icon (Linux, Windows) and fallback
 *   assets/icon.icns      macOS app and .dmg
 *   assets/icon.ico       Windows app and NSIS installer (16-256 px inside)
 *
 * resvg (Rust, shipped prebuilt inside its npm package) renders the SVG; png2icons (pure JS)
 * packs the .icns and .ico.
 */
import { Resvg } from '@resvg/resvg-js';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import png2icons from 'png2icons';

export const LINUX_ICON_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024] as const;
const ASSETS = path.resolve(import.meta.dirname, '..', 'assets');

export function renderPng(svg: string, size: number): Buffer {
  return Buffer.from(new Resvg(svg, { fitTo: { mode: 'width', value: size }, background: 'rgba(0,0,0,0)' }).render().asPng());
}

export async function generateIcons(outDir = ASSETS): Promise<string[]> {
  const svg = await readFile(path.join(ASSETS, 'icon.svg'), 'utf8');
  await mkdir(path.join(outDir, 'icons'), { recursive: true });
  const written: string[] = [];
  const write = async (name: string, data: Buffer) => {
    await writeFile(path.join(outDir, name), data);
    written.push(name);
  };
  for (const size of LINUX_ICON_SIZES) await write(`icons/${size}x${size}.png`, renderPng(svg, size));
  const master = renderPng(svg, 1024);
  await write('icon.png', master);
  const icns = png2icons.createICNS(master, png2icons.BICUBIC, 0);
  const ico = png2icons.createICO(master, png2icons.BICUBIC, 0, false, true);
  if (!icns || !ico) throw new Error('png2icons could not build the .icns/.ico from the 1024 px PNG');
  await write('icon.icns', icns);
  await write('icon.ico', ico);
  return written;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const files = await generateIcons();
  console.log(`icons: ${files.length} files in assets/ from assets/icon.svg`);
}
