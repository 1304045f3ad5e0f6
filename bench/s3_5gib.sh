#!/bin/bash
# A 5 GiB object through the AWS CLI (multipart upload, ranged parallel download, byte-compared),
# sampling cloudemu's RSS twice a second: memory must stay flat. Needs build-release and ~11 GiB of
# free disk. Usage: bench/s3_5gib.sh
set -e
cd "$(dirname "$0")/.."
D=$(mktemp -d "${TMPDIR:-/tmp}/ce-big.XXXX")
./build-release/bin/cloudemu --port 4597 --storage lmdb --data-dir $D/data --services s3 --access-log off --plugin-dir build-release/lib/cloudemu/plugins > $D/log 2>&1 &
PID=$!
sleep 0.5
truncate -s 5G $D/big.bin
export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_DEFAULT_REGION=us-east-1
( while kill -0 $PID 2>/dev/null; do grep VmRSS /proc/$PID/status | awk '{print $2}' >> $D/rss; sleep 0.5; done ) &
/usr/bin/aws --endpoint-url http://127.0.0.1:4597 s3 mb s3://big >/dev/null
start=$(date +%s)
/usr/bin/aws --endpoint-url http://127.0.0.1:4597 s3 cp $D/big.bin s3://big/big.bin --only-show-errors
mid=$(date +%s)
/usr/bin/aws --endpoint-url http://127.0.0.1:4597 s3api head-object --bucket big --key big.bin --query '[ContentLength,ETag]' --output text
/usr/bin/aws --endpoint-url http://127.0.0.1:4597 s3 cp s3://big/big.bin - --only-show-errors | cmp - $D/big.bin && echo "download matches"
end=$(date +%s)
echo "upload $((mid-start)) s, download $((end-mid)) s"
echo "RSS KiB: min $(sort -n $D/rss | head -1) max $(sort -n $D/rss | tail -1) samples $(wc -l < $D/rss)"
kill $PID; wait $PID 2>/dev/null || true
rm -rf $D
