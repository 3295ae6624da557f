#!/usr/bin/env bash
# Run netmap from this checkout, installing it first when needed (scripts/setup.sh: into the
# virtual environment you are in, or else into the project's .venv). Arguments go to netmap:
#   bash scripts/netmap.sh paths --data sample_data --company "Halcyon Maps" --office Lisbon
set -euo pipefail
exec bash "$(dirname "$0")/setup.sh" netmap "$@"
