# Sourced by the benches: describe_machine prints the lines that go beside every figure (when, on what, under what load).
describe_machine() {
  echo "date: $(date -u +%FT%TZ)"
  echo "machine: $(nproc) cores, $(lscpu | grep 'Model name' | sed 's/Model name: *//'), $(free -g | awk '/Mem:/{print $2}') GiB; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
}
