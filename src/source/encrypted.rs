//! Workbooks saved with a password. Excel encrypts an .xlsx into an OLE2 compound
//! file (CFB) holding an `EncryptionInfo` and an `EncryptedPackage` stream instead
//! of the zip; a legacy .xls keeps its `Workbook` stream but starts it with a
//! FILEPASS record (calamine reports that one). Either way the file is not damaged:
//! the user has to remove the password.

use std::collections::HashSet;

const SIGNATURE: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
/// Sector numbers at or above this are markers (end of chain, free …).
const MAX_SECTOR: u32 = 0xFFFF_FFFA;
/// Directory sectors read at most.
const MAX_DIR_SECTORS: usize = 4096;

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

/// The names in a compound file's directory, in directory order; `None` when the
/// bytes are not a readable compound file (the workbook reader then says why).
pub(crate) fn compound_file_names(bytes: &[u8]) -> Option<Vec<String>> {
    if !bytes.starts_with(&SIGNATURE) {
        return None;
    }
    let shift = u16_at(bytes, 30)?;
    if shift != 9 && shift != 12 {
        return None;
    }
    let size = 1usize << shift;
    let sector = |id: u32| -> Option<&[u8]> {
        let start = (id as usize + 1).checked_mul(size)?;
        bytes.get(start..start.checked_add(size)?)
    };
    let ids = |s: &[u8]| -> Vec<u32> {
        s.chunks_exact(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect()
    };
    // No chain or table can hold more sectors than the file has: anything past
    // that (a chain that loops, a sector listed twice) is a damaged or crafted
    // file, answered "unknown" for the workbook reader to report.
    let in_file = bytes.len() / size;
    // The FAT's sectors: the first 109 are listed in the header, the others in
    // the DIFAT chain (each of its sectors ends with the next one's number).
    let mut fat_sectors: Vec<u32> = (0..109)
        .map(|i| u32_at(bytes, 76 + i * 4))
        .collect::<Option<Vec<u32>>>()?
        .into_iter()
        .filter(|&id| id < MAX_SECTOR)
        .collect();
    let mut seen = HashSet::new();
    let mut difat = u32_at(bytes, 68)?;
    while difat < MAX_SECTOR {
        if !seen.insert(difat) || seen.len() > in_file {
            return None;
        }
        let mut list = ids(sector(difat)?);
        difat = list.pop()?;
        fat_sectors.extend(list.into_iter().filter(|&id| id < MAX_SECTOR));
        if fat_sectors.len() > in_file {
            return None;
        }
    }
    seen.clear();
    if !fat_sectors.iter().all(|&id| seen.insert(id)) {
        return None;
    }
    // One FAT entry per sector of the file is all that can be used.
    let mut fat = Vec::with_capacity(in_file.min(fat_sectors.len() * size / 4));
    for id in fat_sectors {
        fat.extend(ids(sector(id)?));
        if fat.len() >= in_file {
            fat.truncate(in_file);
            break;
        }
    }
    let mut names = Vec::new();
    let mut id = u32_at(bytes, 48)?;
    seen.clear();
    while id < MAX_SECTOR {
        if !seen.insert(id) || seen.len() > MAX_DIR_SECTORS {
            return None;
        }
        for entry in sector(id)?.chunks_exact(128) {
            let len = (u16_at(entry, 64)? as usize).min(64);
            if entry[66] == 0 || len < 2 {
                continue;
            }
            let units: Vec<u16> = entry[..len - 2]
                .chunks_exact(2)
                .map(|c| u16::from_le_bytes([c[0], c[1]]))
                .collect();
            names.push(String::from_utf16_lossy(&units));
        }
        id = *fat.get(id as usize)?;
    }
    Some(names)
}

/// Whether `bytes` are an Office document encrypted with a password (an encrypted
/// OOXML package: `EncryptionInfo` beside `EncryptedPackage`).
pub(crate) fn is_encrypted_package(bytes: &[u8]) -> bool {
    compound_file_names(bytes).is_some_and(|names| {
        names
            .iter()
            .any(|n| n == "EncryptionInfo" || n == "EncryptedPackage")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_real_xls_is_a_compound_file_without_encryption() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/khach_hang.xls");
        let bytes = std::fs::read(path).unwrap();
        let names = compound_file_names(&bytes).unwrap();
        assert!(names.iter().any(|n| n == "Workbook"), "{names:?}");
        assert!(!is_encrypted_package(&bytes));
    }

    /// A compound file whose only FAT sector is listed in a DIFAT sector (as in
    /// files too big for the header's 109 entries): sector 0 the DIFAT, 1 the
    /// FAT, 2 the directory.
    #[test]
    fn fat_sectors_listed_in_the_difat_chain_are_followed() {
        const FREE: u32 = 0xFFFF_FFFF;
        const END: u32 = 0xFFFF_FFFE;
        let put = |b: &mut Vec<u8>, at: usize, v: u32| {
            b[at..at + 4].copy_from_slice(&v.to_le_bytes());
        };
        let mut f = vec![0u8; 512 * 4];
        f[..8].copy_from_slice(&SIGNATURE);
        f[30] = 9;
        put(&mut f, 48, 2); // directory at sector 2
        put(&mut f, 68, 0); // first DIFAT sector
        for i in 0..109 {
            put(&mut f, 76 + i * 4, FREE);
        }
        let sector = |id: usize| 512 * (id + 1);
        // DIFAT: the FAT is sector 1; the last entry ends the chain.
        for i in 0..128 {
            put(&mut f, sector(0) + i * 4, FREE);
        }
        put(&mut f, sector(0), 1);
        put(&mut f, sector(0) + 127 * 4, END);
        // FAT: DIFAT, FAT, then the one-sector directory.
        for (i, v) in [0xFFFF_FFFC, 0xFFFF_FFFD, END].into_iter().enumerate() {
            put(&mut f, sector(1) + i * 4, v);
        }
        for (slot, name) in ["Root Entry", "EncryptionInfo"].iter().enumerate() {
            let at = sector(2) + slot * 128;
            let units: Vec<u16> = name.encode_utf16().chain([0]).collect();
            for (i, u) in units.iter().enumerate() {
                f[at + i * 2..at + i * 2 + 2].copy_from_slice(&u.to_le_bytes());
            }
            f[at + 64..at + 66].copy_from_slice(&((units.len() * 2) as u16).to_le_bytes());
            f[at + 66] = if slot == 0 { 5 } else { 2 };
        }
        assert_eq!(
            compound_file_names(&f).unwrap(),
            ["Root Entry", "EncryptionInfo"]
        );
        assert!(is_encrypted_package(&f));
    }

    /// A header for 4096-byte sectors (the largest) with every FAT slot free.
    fn header_4k(len: usize) -> Vec<u8> {
        let mut f = vec![0u8; len];
        f[..8].copy_from_slice(&SIGNATURE);
        f[30] = 12;
        for i in 0..109 {
            f[76 + i * 4..80 + i * 4].copy_from_slice(&0xFFFF_FFFFu32.to_le_bytes());
        }
        f
    }

    /// An 8 KB file whose one DIFAT sector lists itself as every FAT sector and as
    /// the next DIFAT sector: following it blindly meant ~17 GB of FAT. Not a
    /// readable compound file, answered at once.
    #[test]
    fn a_difat_chain_that_loops_is_not_followed() {
        let mut f = header_4k(2 * 4096);
        f[68..72].copy_from_slice(&0u32.to_le_bytes()); // DIFAT at sector 0
        // Sector 0 is all zeros: FAT sectors 0, 0, 0 … and next DIFAT sector 0.
        assert_eq!(compound_file_names(&f), None);
        assert!(!is_encrypted_package(&f));
    }

    /// The same sector listed as FAT sector many times over, or a directory chain
    /// that comes back to itself: damaged, so "unknown".
    #[test]
    fn repeated_fat_sectors_and_a_looping_directory_are_unknown() {
        let mut f = header_4k(3 * 4096);
        for i in 0..109 {
            f[76 + i * 4..80 + i * 4].copy_from_slice(&0u32.to_le_bytes());
        }
        f[68..72].copy_from_slice(&0xFFFF_FFFEu32.to_le_bytes());
        assert_eq!(compound_file_names(&f), None);
        // One FAT sector (0) saying the directory (sector 1) is followed by itself.
        let mut f = header_4k(3 * 4096);
        f[68..72].copy_from_slice(&0xFFFF_FFFEu32.to_le_bytes());
        f[76..80].copy_from_slice(&0u32.to_le_bytes());
        f[48..52].copy_from_slice(&1u32.to_le_bytes());
        let fat = 4096;
        f[fat..fat + 4].copy_from_slice(&0xFFFF_FFFDu32.to_le_bytes());
        f[fat + 4..fat + 8].copy_from_slice(&1u32.to_le_bytes());
        assert_eq!(compound_file_names(&f), None);
        assert!(!is_encrypted_package(&f));
    }

    #[test]
    fn anything_else_is_not_a_compound_file() {
        assert_eq!(compound_file_names(b"Ma KH,Ten\n"), None);
        assert_eq!(compound_file_names(&SIGNATURE), None);
        let mut cut = SIGNATURE.to_vec();
        cut.resize(600, 0xFF);
        assert!(!is_encrypted_package(&cut));
    }
}
