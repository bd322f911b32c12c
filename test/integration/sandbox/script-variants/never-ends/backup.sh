#!/bin/sh
# Never ends: a helper container that sleeps, attached, and a shell loop behind it.
while :; do sleep 1; done &
docker run --rm --network none busybox:1.37 sleep 1000
