/* Test-only stand-in for Windows' bcryptprimitives.dll, which Wine 8 lacks.
 *
 * Rust's std (1.78 and newer) gets its random seeds from ProcessPrng in bcryptprimitives.dll;
 * every Windows 10/11 has that DLL, Wine 8 does not, so a Rust program dies at start-up there.
 * packaging/test-windows.sh builds this file with mingw and copies the DLL into the test's own
 * Wine prefix (system32). It is never shipped in the installer.
 *
 * ProcessPrng is documented as: BOOL WINAPI ProcessPrng(PBYTE pbData, SIZE_T cbData), always
 * returning TRUE. Here it asks RtlGenRandom (advapi32's SystemFunction036), which Wine has. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len)
{
    while (len > 0) {
        ULONG chunk = len > 0x40000000 ? 0x40000000 : (ULONG)len;
        if (!SystemFunction036(data, chunk))
            return FALSE;
        data += chunk;
        len -= chunk;
    }
    return TRUE;
}
