%% The Erlang side of the test oracle. Reads requests from stdin as 4-byte length-prefixed
%% packets, each the UTF-8 text of Erlang expressions ending in a dot; evaluates them and writes
%% one reply packet per request: <<0, Result/binary>> on success, <<1, Reason/binary>> when the
%% expressions raised. A binary result is sent as it is; any other term as its ~w text.
%% `term_to_binary/1` and `binary_to_term/1` let callers move any term across as bytes.
-module(tsunami_oracle).
-export([main/0]).

main() ->
    Port = open_port({fd, 0, 1}, [binary, {packet, 4}, eof]),
    loop(Port).

loop(Port) ->
    receive
        {Port, {data, Request}} ->
            port_command(Port, reply(Request)),
            loop(Port);
        {Port, eof} ->
            halt(0)
    end.

reply(Request) ->
    try evaluate(unicode:characters_to_list(Request)) of
        Result when is_binary(Result) -> [0, Result];
        Result -> [0, unicode:characters_to_binary(io_lib:format("~w", [Result]))]
    catch
        Class:Reason:Stack ->
            [1, unicode:characters_to_binary(
                  io_lib:format("~p:~p~n~p", [Class, Reason, lists:sublist(Stack, 3)]))]
    end.

evaluate(Text) ->
    {ok, Tokens, _} = erl_scan:string(Text),
    {ok, Expressions} = erl_parse:parse_exprs(Tokens),
    {value, Value, _} = erl_eval:exprs(Expressions, erl_eval:new_bindings()),
    Value.
