%% The Erlang side of @tsunami/conformance's OTP adapter: one Erlang proxy process per JS process.
%%
%% The main process owns the port (fd 0/1, 4-byte length-prefixed External Term Format) and is
%% the only writer to it. Requests from JS, all tagged so that many can be in flight at once:
%%   {Tag, spawn}                  start a proxy, monitor it; reply {Tag, {ok, Pid}}
%%   {Tag, otp_release}            reply {Tag, {ok, Release}}, "27" for OTP 27
%%   {Tag, {call, Proxy, Call}}    run Call in Proxy; reply {Tag, {ok, Result} | {error, Reason}}
%%   {Tag, {monitor, Pid}}         reply {Tag, {ok, Reason}} when Pid ends (a monitor's 'DOWN')
%%   {stop, Proxy, Reason}         end Proxy with Reason (its JS body settled); no reply
%% Events to JS, untagged:
%%   {message, Proxy, Message}     a message Proxy received, forwarded to its JS mailbox
%%   {down, Proxy, Reason}         Proxy ended (its JS body's pending calls fail)
%%
%% Invariants: a proxy runs the ETS calls of its JS process, so self(), table owners, access
%% rights, heirs and 'ETS-TRANSFER' messages are Erlang's own. Everything a proxy sends to JS
%% goes through the main process, so by Erlang's ordering of signals between two processes a
%% proxy's replies and forwarded messages reach JS before the {down, ...} event of its end.
%% Proxies recognise requests by a reference only the main process and they know, so a message
%% a case sends (whatever its shape) is always forwarded, never mistaken for a request.
-module(tsunami_conformance).
-export([main/0]).

main() ->
    Port = open_port({fd, 0, 1}, [binary, {packet, 4}, eof]),
    loop(Port, make_ref(), #{}).

%% Monitors maps a monitor reference to {proxy, Pid} (a proxy's end, reported as a down
%% event) or {watch, Tag} (a monitor JS asked for, answered as the reply to Tag).
loop(Port, Secret, Monitors) ->
    receive
        {Port, {data, Bytes}} ->
            loop(Port, Secret, request(binary_to_term(Bytes), Port, Secret, Monitors));
        {Secret, out, Bytes} ->
            port_command(Port, Bytes),
            loop(Port, Secret, Monitors);
        {'DOWN', Ref, process, Pid, Reason} ->
            Event =
                case maps:get(Ref, Monitors) of
                    {proxy, Pid} -> {down, Pid, Reason};
                    {watch, Tag} -> {Tag, {ok, Reason}}
                end,
            port_command(Port, term_to_binary(Event)),
            loop(Port, Secret, maps:remove(Ref, Monitors));
        {Port, eof} ->
            halt(0)
    end.

request({Tag, spawn}, Port, Secret, Monitors) ->
    Main = self(),
    Pid = spawn(fun() -> proxy(Main, Secret) end),
    Ref = erlang:monitor(process, Pid),
    port_command(Port, term_to_binary({Tag, {ok, Pid}})),
    Monitors#{Ref => {proxy, Pid}};
request({Tag, otp_release}, Port, _Secret, Monitors) ->
    port_command(Port, term_to_binary({Tag, {ok, erlang:system_info(otp_release)}})),
    Monitors;
request({Tag, {call, Proxy, Call}}, _Port, Secret, Monitors) ->
    %% A dead proxy drops the call; JS fails it on the proxy's down event.
    Proxy ! {Secret, call, Tag, Call},
    Monitors;
request({Tag, {monitor, Pid}}, _Port, _Secret, Monitors) ->
    Monitors#{erlang:monitor(process, Pid) => {watch, Tag}};
request({stop, Proxy, Reason}, _Port, Secret, Monitors) ->
    Proxy ! {Secret, stop, Reason},
    Monitors.

proxy(Main, Secret) ->
    receive
        {Secret, call, Tag, Call} ->
            Main ! {Secret, out, term_to_binary({Tag, handle(Call)})};
        {Secret, stop, Reason} ->
            exit(Reason);
        Message ->
            Main ! {Secret, out, term_to_binary({message, self(), Message})}
    end,
    proxy(Main, Secret).

handle({apply, Function, Args}) -> run(fun() -> keep(apply(ets, Function, Args)) end);
handle({foldl, Tab}) -> run(fun() -> ets:foldl(fun(O, A) -> [O | A] end, [], Tab) end);
handle({foldr, Tab}) -> run(fun() -> ets:foldr(fun(O, A) -> [O | A] end, [], Tab) end);
handle({send, Pid, Message}) -> run(fun() -> Pid ! Message, ok end);
%% exit/2 to the proxy itself ends it here, before any reply: its call then fails in JS.
handle({exit, Pid, Reason}) -> run(fun() -> exit(Pid, Reason) end);
handle({is_alive, Pid}) -> run(fun() -> is_process_alive(Pid) end).

run(Call) ->
    try {ok, Call()} catch error:Reason -> {error, Reason} end.

%% A continuation of select/3 and friends, or a compiled match specification, holds a magic
%% reference that stays valid only while the node holds it: JS gets a copy through the External
%% Term Format, so the proxy keeps the original (in its dictionary) for the copy to stay usable.
keep({Results, Continuation} = Result) when is_list(Results), is_tuple(Continuation) ->
    put({kept, Continuation}, true),
    Result;
keep(Result) when is_reference(Result) ->
    put({kept, Result}, true),
    Result;
keep(Result) ->
    Result.
