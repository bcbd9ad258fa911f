#!/usr/bin/env bash
# Packs fwplan as a RID-specific Native AOT dotnet tool into out/packages (or $1):
#   fwplan.<version>.nupkg            the pointer package the .NET CLI resolves first (no binary)
#   fwplan.<rid>.<version>.nupkg      the native executable for one RID (default: linux-x64)
# RIDS="linux-x64 linux-arm64" packs both; linux-arm64 on an x64 host needs an aarch64 cross linker and sysroot
# (Native AOT does not cross-compile across architectures without them). The version comes from Directory.Build.props.
# Install: dotnet tool install -g --add-source out/packages fwplan
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT=${1:-out/packages}
RIDS=${RIDS:-linux-x64}
PROJECT=src/FirmwarePlanner.Cli/FirmwarePlanner.Cli.csproj
mkdir -p "$OUT"
dotnet pack "$PROJECT" -c Release -o "$OUT" -v quiet -nologo
for rid in $RIDS; do
  dotnet pack "$PROJECT" -c Release -r "$rid" -o "$OUT" -v quiet -nologo
done
ls -l "$OUT"/fwplan*.nupkg
