# Lu (`.`) par start.sh et par le CGI : l'en-tête d'authentification vers la base.
# Le mot de passe vient du fichier DB_PASSWORD_FILE (secret Compose), sinon de DB_PASSWORD.
if [ -n "${DB_PASSWORD_FILE:-}" ]; then
  db_password=$(cat "$DB_PASSWORD_FILE")
else
  db_password=${DB_PASSWORD:-}
fi
db_auth="Authorization: Basic $(printf '%s:%s' "${DB_USER:-}" "$db_password" | base64)"
db_url="http://${DB_HOST:-}:${DB_PORT:-}/data/stats"
