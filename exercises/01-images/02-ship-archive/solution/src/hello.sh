#!/bin/sh
# Le programme livré : il se présente et s'arrête.
echo "Bonjour depuis hello-release $(cat /etc/hello-release/VERSION) !"
