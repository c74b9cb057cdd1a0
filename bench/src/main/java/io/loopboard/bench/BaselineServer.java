package io.loopboard.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * The baseline: a bare Jetty 12 WebSocket server, the same Jetty that Loopboard runs on, with
 * nothing of Loopboard in it. {@code POST /broadcast} sends its body as one text frame to every
 * connected socket with the same non-blocking write DisplayHub uses; a new socket gets the last
 * payload at once (as a screen gets its playlist). Incoming frames are read and ignored.
 */
public final class BaselineServer {

    private static final Set<Session> SESSIONS = ConcurrentHashMap.newKeySet();
    private static volatile String current = "{\"type\":\"playlist\",\"version\":0,\"slides\":[]}";

    private BaselineServer() {
    }

    public static void main(String[] args) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(Integer.parseInt(args[0]));
        server.addConnector(connector);
        ContextHandler context = new ContextHandler("/");
        WebSocketUpgradeHandler ws = WebSocketUpgradeHandler.from(server, context, container -> {
            container.setIdleTimeout(Duration.ofMinutes(10));
            container.setMaxOutgoingFrames(16);
            container.addMapping("/ws", (rq, rs, cb) -> new Listener());
        });
        ws.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                String path = Request.getPathInContext(request);
                if ("/health".equals(path)) {
                    Content.Sink.write(response, true, "{\"status\":\"ok\"}", callback);
                    return true;
                }
                if ("/broadcast".equals(path) && "POST".equals(request.getMethod())) {
                    String payload = Content.Source.asString(request, StandardCharsets.UTF_8);
                    current = payload;
                    for (Session s : SESSIONS) {
                        s.sendText(payload, org.eclipse.jetty.websocket.api.Callback.NOOP);
                    }
                    Content.Sink.write(response, true, "{\"sent\":" + SESSIONS.size() + "}", callback);
                    return true;
                }
                return false;
            }
        });
        context.setHandler(ws);
        server.setHandler(context);
        server.setStopAtShutdown(true);
        server.start();
        System.out.println("baseline listening on " + connector.getLocalPort());
        server.join();
    }

    /** One socket: remembered while open, sent the current payload on connect. */
    public static final class Listener extends Session.Listener.AbstractAutoDemanding {
        @Override
        public void onWebSocketOpen(Session session) {
            super.onWebSocketOpen(session);
            SESSIONS.add(session);
            session.sendText(current, org.eclipse.jetty.websocket.api.Callback.NOOP);
        }

        @Override
        public void onWebSocketText(String message) {
            // acks are read and dropped, as the server must at least read them
        }

        @Override
        public void onWebSocketClose(int statusCode, String reason, org.eclipse.jetty.websocket.api.Callback callback) {
            SESSIONS.remove(getSession());
            callback.succeed();
        }

        @Override
        public void onWebSocketError(Throwable cause) {
            SESSIONS.remove(getSession());
        }
    }
}
