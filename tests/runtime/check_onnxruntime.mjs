// Runs every exported model.onnx in onnxruntime (onnxruntime-node, CPU) on the fixture's raw
// points and compares y with the app's own predictions (expected.csv).
// Usage: node check_onnxruntime.mjs <fixtures folder> <npm prefix>
// onnxruntime-node is installed into <npm prefix> on first use:
//   npm install --ignore-scripts --no-audit --no-fund --prefix <npm prefix> onnxruntime-node@1.20.1
// (--ignore-scripts: the package ships its linux-x64 CPU binary; the install script would only
// fetch optional CUDA libraries.)

import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const kVersion = '1.20.1';
// |got - expected| <= kTolerance * max(1, |expected|), as in fixtures.py.
const kTolerance = 1e-5;

function fail(message) {
    console.error(`FAIL: ${message}`);
    process.exit(1);
}

function ensureOnnxRuntime(prefix) {
    const packageDir = path.join(prefix, 'node_modules', 'onnxruntime-node');
    const binding = path.join(packageDir, 'bin', 'napi-v3', process.platform, process.arch, 'onnxruntime_binding.node');
    const installedVersion = () => {
        try {
            return JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')).version;
        } catch {
            return null;
        }
    };
    if (installedVersion() !== kVersion || !existsSync(binding)) {
        console.log(`installing onnxruntime-node@${kVersion} into ${prefix}`);
        const npm = path.join(path.dirname(process.execPath), 'npm');
        try {
            execFileSync(existsSync(npm) ? npm : 'npm',
                         ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--prefix', prefix,
                          `onnxruntime-node@${kVersion}`],
                         { stdio: 'inherit' });
        } catch (error) {
            fail(`npm could not install onnxruntime-node@${kVersion}: ${error.message}`);
        }
    }
    if (installedVersion() !== kVersion)
        fail(`onnxruntime-node ${installedVersion()} is installed in ${prefix}, expected ${kVersion}`);
    if (!existsSync(binding))
        fail(`onnxruntime-node has no binary for ${process.platform}-${process.arch} (${binding})`);
    return createRequire(path.join(prefix, 'package.json'))('onnxruntime-node');
}

function readCsv(file) {
    const lines = readFileSync(file, 'utf8').split('\n').filter((line) => line.trim() !== '');
    const columns = lines[0].split(',').length;
    const rows = lines.slice(1).map((line) => line.split(',').map(Number));
    if (rows.some((row) => row.length !== columns || row.some(Number.isNaN)))
        fail(`${file} is not a table of ${columns} numbers per line`);
    return { columns, rows };
}

async function main() {
    const [root, prefix] = process.argv.slice(2);
    if (!root || !prefix)
        fail('usage: check_onnxruntime.mjs <fixtures folder> <npm prefix>');
    const ort = ensureOnnxRuntime(prefix);

    const manifest = path.join(root, 'manifest.txt');
    if (!existsSync(manifest))
        fail(`${manifest} is missing; run export_fixtures first`);
    const names = readFileSync(manifest, 'utf8').split('\n').map((s) => s.trim()).filter(Boolean);
    if (names.length < 10)
        fail(`${manifest} lists only ${names.length} models`);

    let worst = { name: '', difference: 0 };
    for (const name of names) {
        const folder = path.join(root, name);
        const points = readCsv(path.join(folder, 'points.csv'));
        const expected = readCsv(path.join(folder, 'expected.csv'));
        const n = points.rows.length;
        if (points.columns !== 2 || expected.rows.length !== n)
            fail(`${name}: points.csv and expected.csv do not match`);

        const session = await ort.InferenceSession.create(path.join(folder, 'model.onnx'));
        if (session.inputNames.join() !== 'x' || session.outputNames.join() !== 'y')
            fail(`${name}: inputs ${session.inputNames}, outputs ${session.outputNames}; expected x and y`);
        const x = new ort.Tensor('float32', Float32Array.from(points.rows.flat()), [n, 2]);
        const { y } = await session.run({ x });
        const k = expected.columns;
        if (y.type !== 'float32' || y.dims.join() !== `${n},${k}`)
            fail(`${name}: y is ${y.type} [${y.dims}], expected float32 [${n},${k}]`);

        let difference = 0;
        for (let i = 0; i < n; ++i) {
            for (let j = 0; j < k; ++j) {
                const want = Math.fround(expected.rows[i][j]);
                const got = y.data[i * k + j];
                const d = Math.abs(got - want) / Math.max(1, Math.abs(want));
                if (!(d <= kTolerance)) {
                    fail(`${name}: onnxruntime differs from the app by ${d.toPrecision(3)} (tolerance ${kTolerance}) `
                         + `at point ${i} (${points.rows[i]}), output ${j}: ${got} instead of ${want}`);
                }
                difference = Math.max(difference, d);
            }
        }
        console.log(`${name}: ${n} points x ${k} outputs, largest difference ${difference.toPrecision(3)}`);
        if (difference >= worst.difference)
            worst = { name, difference };
    }
    console.log(`onnxruntime-node ${kVersion}: ${names.length} models match the app; largest difference `
                + `${worst.difference.toPrecision(3)} (${worst.name})`);
}

main().catch((error) => fail(error.stack || String(error)));
