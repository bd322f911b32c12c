/*
 * server.c - un tout petit serveur HTTP pour l'exercice 10-performance/02-cache-order.
 *
 *   GET /        -> 200 et un message de bienvenue
 *   GET /health  -> 200 "ok" (utilisé par le HEALTHCHECK)
 *   autre chose  -> 404
 *
 * Usage : server [port]   (8080 par défaut, écoute sur 0.0.0.0)
 * Compilation : gcc -static -Os -o server server.c && strip server
 */
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

/* SIGTERM (docker stop) ou SIGINT (Ctrl+C) : on quitte tout de suite avec le code 0.
 * Sans ce gestionnaire, un processus PID 1 ignore SIGTERM et Docker attend 10 s
 * avant d'envoyer SIGKILL. write() et _exit() sont sûrs dans un gestionnaire de signal. */
static void on_stop(int sig) {
    (void)sig;
    static const char msg[] = "signal reçu, arrêt\n";
    write(STDOUT_FILENO, msg, sizeof msg - 1);
    _exit(0);
}

/* Envoie une réponse HTTP complète (en-têtes + corps) puis laisse l'appelant fermer. */
static void reply(int client, int status, const char *reason, const char *body) {
    char head[256];
    int n = snprintf(head, sizeof head,
                     "HTTP/1.0 %d %s\r\n"
                     "Content-Type: text/plain; charset=utf-8\r\n"
                     "Content-Length: %zu\r\n"
                     "Connection: close\r\n\r\n",
                     status, reason, strlen(body));
    send(client, head, (size_t)n, MSG_NOSIGNAL);
    send(client, body, strlen(body), MSG_NOSIGNAL);
}

/* Lit les en-têtes de la requête jusqu'à la ligne vide : un client peut les envoyer
 * en plusieurs morceaux. Les lire en entier évite aussi qu'à la fermeture le noyau
 * n'envoie un RST (données non lues) au lieu d'une fin de connexion normale. */
static size_t read_request(int client, char *buf, size_t size) {
    size_t len = 0;
    buf[0] = '\0';
    while (len < size - 1 && !strstr(buf, "\r\n\r\n") && !strstr(buf, "\n\n")) {
        ssize_t n = recv(client, buf + len, size - 1 - len, 0);
        if (n <= 0)
            break;                       /* client parti, erreur ou délai dépassé */
        len += (size_t)n;
        buf[len] = '\0';
    }
    return len;
}

/* Analyse la première ligne ("GET /chemin HTTP/1.1") et répond. */
static void handle(int client) {
    char buf[2048], method[8] = "", path[256] = "";
    if (read_request(client, buf, sizeof buf) == 0)
        return;
    sscanf(buf, "%7s %255s", method, path);

    int status = 200;
    const char *body;
    if (strcmp(method, "GET") == 0 && strcmp(path, "/health") == 0)
        body = "ok\n";
    else if (strcmp(method, "GET") == 0 && strcmp(path, "/") == 0)
        body = "Bonjour ! Cette image a été construite en multi-stage.\n";
    else {
        status = 404;
        body = "introuvable\n";
    }
    reply(client, status, status == 200 ? "OK" : "Not Found", body);

    /* Une ligne par requête sur stdout : c'est ce que montre `docker logs`. */
    printf("%s %s -> %d\n", method[0] ? method : "-", path[0] ? path : "-", status);
}

int main(int argc, char **argv) {
    int port = argc > 1 ? atoi(argv[1]) : 8080;
    if (port <= 0 || port > 65535) {
        fprintf(stderr, "port invalide : %s\n", argv[1]);
        return 2;
    }

    setvbuf(stdout, NULL, _IONBF, 0);    /* pas de tampon : les logs sortent tout de suite */
    signal(SIGTERM, on_stop);
    signal(SIGINT, on_stop);

    int server = socket(AF_INET, SOCK_STREAM, 0);
    int yes = 1;
    setsockopt(server, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);

    struct sockaddr_in addr = {0};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_ANY); /* 0.0.0.0 : joignable depuis l'extérieur du conteneur */
    addr.sin_port = htons((unsigned short)port);

    if (server < 0 || bind(server, (struct sockaddr *)&addr, sizeof addr) < 0 ||
        listen(server, 16) < 0) {
        perror("socket/bind/listen");
        return 1;
    }
    printf("écoute sur 0.0.0.0:%d\n", port);

    for (;;) {
        int client = accept(server, NULL, NULL);
        if (client < 0)
            continue;
        /* Un client muet ne doit pas bloquer le serveur plus de 2 s. */
        struct timeval timeout = {2, 0};
        setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
        handle(client);
        close(client);
    }
}
