using Rtvi;

// The generator emits reflection-free JSON metadata for the handlers' records (Native AOT safe); RTVI is snake_case.
[assembly: RtviJson(NamingPolicy = RtviJsonNamingPolicy.SnakeCaseLower)]
