/*
 * A stand-in for bcryptprimitives.dll, for running Keel's Windows tests
 * under Debian's Wine 8 only.
 *
 * Why it exists: Rust's standard library (since 1.78) gets random bytes from
 * ProcessPrng in bcryptprimitives.dll. Windows 10 and later have it, and so
 * does Wine 9, but Wine 8 (Debian 12's) has no such DLL, so every Rust
 * program built today fails to start there. This file forwards ProcessPrng
 * to SystemFunction036 (RtlGenRandom, in advapi32), which Wine 8 has.
 *
 * It is built by scripts/wine-run.sh into a private Wine prefix used by the
 * tests. It is never part of a package: real Windows must use its own.
 */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x7fffffff ? 0x7fffffff : (ULONG)length;
        if (!SystemFunction036(data, chunk)) {
            return FALSE;
        }
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
