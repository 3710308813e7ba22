%% The Erlang side of @tsunami/conformance's OTP adapter: reads requests as External Term
%% Format over a 4-byte length-prefixed pipe on fd 0/1, runs them in one worker process (the
%% owner of the tables the cases create), and replies {ok, Result} or {error, Reason}.
-module(tsunami_conformance).
-export([main/0]).

main() ->
    Port = open_port({fd, 0, 1}, [binary, {packet, 4}, eof]),
    Worker = spawn_link(fun worker/0),
    loop(Port, Worker).

loop(Port, Worker) ->
    receive
        {Port, {data, Bytes}} ->
            Worker ! {call, self(), binary_to_term(Bytes)},
            receive
                {reply, Reply} -> Port ! {self(), {command, term_to_binary(Reply)}}
            end,
            loop(Port, Worker);
        {Port, eof} ->
            halt(0)
    end.

worker() ->
    receive
        {call, From, Request} -> From ! {reply, handle(Request)}
    end,
    worker().

handle(self) -> {ok, self()};
handle({foldl, Tab}) -> run(fun() -> ets:foldl(fun(O, A) -> [O | A] end, [], Tab) end);
handle({foldr, Tab}) -> run(fun() -> ets:foldr(fun(O, A) -> [O | A] end, [], Tab) end);
handle({apply, Function, Args}) -> run(fun() -> apply(ets, Function, Args) end).

run(Call) ->
    try {ok, Call()} catch error:Reason -> {error, Reason} end.
