#!/usr/bin/env bash
# The sessions bench with its baseline, in one run: builds the commit before the Akka migration in a git worktree,
# compiles this tree's bench/Sessions/SessionWorkloads.cs and SessionFigures.cs (public API only) against it, runs
# them there, then runs this build's sessions suite, which prints both and the ratio.
#   eng/bench-sessions.sh [TRIALS] [LARGE] [WARMUP]   defaults: 3 trials, 100000 sessions for the large figures,
#                                                     20 s of warm-up passes before each figure's trials
set -euo pipefail
cd "$(dirname "$0")/.."
trials="${1:-3}"
large="${2:-100000}"
warmup="${3:-20}"
base="${JIDO_BENCH_BASELINE:-e5e3856}"   # the last commit on our own actor runtime
work="$(mktemp -d "${TMPDIR:-/tmp}/jido-bench.XXXXXX")"
cleanup() { git worktree remove --force "$work/baseline" >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT

git worktree add --detach -q "$work/baseline" "$base"
mkdir -p "$work/baseline/bench-baseline"
cat > "$work/baseline/bench-baseline/Baseline.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <ServerGarbageCollection>false</ServerGarbageCollection>
    <ConcurrentGarbageCollection>false</ConcurrentGarbageCollection>
    <TieredPGO>true</TieredPGO>
  </PropertyGroup>
  <ItemGroup>
    <ProjectReference Include="../src/Actors/JidoSessions.Actors.csproj" />
    <Compile Include="$PWD/bench/Sessions/SessionWorkloads.cs;$PWD/bench/Sessions/SessionFigures.cs" />
  </ItemGroup>
</Project>
XML
cat > "$work/baseline/bench-baseline/Program.cs" <<'CS'
using System.Globalization;
using JidoSessions.Bench.Sessions;

var figures = await SessionFigures.MeasureAsync(int.Parse(args[0], CultureInfo.InvariantCulture), TimeSpan.FromSeconds(int.Parse(args[2], CultureInfo.InvariantCulture)), int.Parse(args[1], CultureInfo.InvariantCulture), Console.Error);
Console.WriteLine(SessionFigures.ToTsv(figures));
CS
echo "baseline ($base):" >&2
dotnet run -c Release --project "$work/baseline/bench-baseline" -- "$trials" "$large" "$warmup" > "$work/baseline.tsv"
dotnet run -c Release --project bench -- --suite sessions --trials "$trials" --large "$large" --warmup "$warmup" --baseline "$work/baseline.tsv"
